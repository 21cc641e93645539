package io.github.bgp.api;

/**
 * Why a runtime or a protocol dropped an incoming frame. A dropped frame is counted, never an
 * exception that stops a node; the protocol proceeds as if the frame had not arrived.
 *
 * @since 0.1.0
 */
public enum DropReason {
  /** The payload could not be decoded. */
  MALFORMED("could not be decoded"),
  /** The payload decoded, but does not have the size the round calls for. */
  WRONG_SIZE("has the wrong number of values for its round"),
  /** The frame arrived after its round had closed. */
  LATE("arrived after its round closed"),
  /** The frame names a round outside the protocol. */
  BAD_ROUND("names a round outside the protocol"),
  /** A second frame from the same sender for the same round. */
  DUPLICATE("repeats a frame already received"),
  /** The sender is not one this node expects to hear from in that round. */
  UNEXPECTED_SENDER("comes from a sender not expected in that round"),
  /** The frame names an agreement instance this node does not run. */
  UNKNOWN_INSTANCE("names an unknown instance"),
  /** A signature did not verify, or a signature chain was malformed. */
  BAD_SIGNATURE("carries a signature that does not verify"),
  /** The frame is larger than the transport's limit. */
  OVERSIZE("is larger than the frame size limit"),
  /** The frame claims a sender other than the one the channel authenticated. */
  IMPERSONATION("claims a sender the channel did not authenticate"),
  /** The frame is addressed to another node. */
  MISDIRECTED("is addressed to another node"),
  /** The connection closed in the middle of the frame. */
  TRUNCATED("was cut short when its connection closed");

  private final String description;

  DropReason(String description) {
    this.description = description;
  }

  /**
   * A phrase completing "a frame that ...", for logs and reports.
   *
   * @return the phrase, lower case and without a final stop ({@code "could not be decoded"})
   */
  public String description() {
    return description;
  }
}
