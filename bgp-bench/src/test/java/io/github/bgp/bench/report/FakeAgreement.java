package io.github.bgp.bench.report;

/** A stand-in for the bgp command in {@link ProcessRunnerTest}: allocates a little, prints one JSON line. */
public final class FakeAgreement {

  private FakeAgreement() {}

  public static void main(String[] args) throws InterruptedException {
    byte[][] keep = new byte[64][];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = new byte[1 << 20];
      keep[i][i] = 1;
    }
    Thread.sleep(100);
    if (args.length > 0 && args[0].equals("fail")) {
      System.err.println("fake: told to fail");
      System.exit(3);
    }
    System.out.println("{\"ic1\":true,\"ic2\":true,\"messages\":156,\"kept\":" + keep.length + "}");
  }
}
