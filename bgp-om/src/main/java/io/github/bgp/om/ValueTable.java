package io.github.bgp.om;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct application values (kind {@code BYTES}) one general has met in an instance,
 * numbered in the order it met them, so that OM keeps its flat arrays of codes: two codes are
 * equal exactly when their values are, which is all majority-with-default asks. Code 0 is the
 * instance's fallback and code 1 the majority's default when that is another value (so every
 * general of an instance breaks a tie with the same code, {@link #defaultCode}); a value no loyal
 * general proposed, a traitor's, gets the next code when it first arrives.
 *
 * <p>A general's table grows only with what it is sent: each frame carries its own numbering of
 * the distinct values it holds ({@link OmFrame.Values}), no more of them than it has present
 * values, each within the instance's size bound, and the receiver numbers only those. So a
 * lieutenant holds at most the values it was sent (plus the two above); a traitor can make it
 * hold more only by sending more. Codes never leave their general: frames carry values, not
 * another general's codes.
 *
 * <p>Used by one general (or one evaluator walk) at a time; not thread-safe.
 */
final class ValueTable {

  private final List<Value> values = new ArrayList<>();
  private final Map<Value, Integer> codes = new HashMap<>();
  /** Scratch for {@link #frame}: a code's number in the frame being built, -1 when not in it. */
  private int[] inFrame = new int[0];

  ValueTable(AgreementSpec spec) {
    intern(spec.fallback());
    spec.majority().defaultValue().ifPresent(this::intern);
  }

  /** The code every table of {@code spec} gives the majority's default: 0 if it is the fallback, else 1. */
  static long defaultCode(AgreementSpec spec) {
    return spec.majority().defaultValue().map(d -> d.equals(spec.fallback()) ? 0L : 1L).orElse(0L);
  }

  /** This value's code, numbering it if it is new. */
  int intern(Value value) {
    Integer code = codes.get(value);
    if (code != null) {
      return code;
    }
    int next = values.size();
    values.add(value);
    codes.put(value, next);
    return next;
  }

  /** The value numbered {@code code}. */
  Value value(long code) {
    return values.get((int) code);
  }

  /** How many values this table holds. */
  int size() {
    return values.size();
  }

  /**
   * The values of {@code frame} in this table's codes, an absent one as the fallback (code 0):
   * one lookup per distinct value of the frame, then one array read per value.
   */
  long[] resolve(OmFrame.Values frame) {
    Value[] table = frame.table();
    int[] mine = new int[table.length];
    for (int i = 0; i < table.length; i++) {
      mine[i] = intern(table[i]);
    }
    long[] local = frame.codes();
    long[] out = new long[local.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = frame.isAbsent(i) ? 0 : mine[(int) local[i]];
    }
    return out;
  }

  /**
   * A frame of the values this table numbers {@code codes} (taken over and renumbered in place
   * within the frame), with {@code absent} (or null) marking the values not sent.
   */
  OmFrame.Values frame(long[] codes, boolean[] absent) {
    if (inFrame.length < values.size()) {
      int[] grown = Arrays.copyOf(inFrame, Math.max(values.size(), 2 * inFrame.length));
      Arrays.fill(grown, inFrame.length, grown.length, -1);
      inFrame = grown;
    }
    List<Value> table = new ArrayList<>();
    List<Integer> touched = new ArrayList<>();
    for (int i = 0; i < codes.length; i++) {
      if (absent != null && absent[i]) {
        codes[i] = 0;
        continue;
      }
      int code = (int) codes[i];
      int local = inFrame[code];
      if (local < 0) {
        local = table.size();
        inFrame[code] = local;
        table.add(values.get(code));
        touched.add(code);
      }
      codes[i] = local;
    }
    for (int code : touched) {
      inFrame[code] = -1;
    }
    return new OmFrame.Values(codes, absent, table.toArray(new Value[0]));
  }
}
