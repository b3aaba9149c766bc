package io.sextant.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kamal's {@code stub_ticks} for the adapters: each expected command line with what it returns; any other command
 * line fails the test, so the golden strings are checked by being the only ones answered.
 */
final class StubVendorCli implements VendorCli {
  private final Map<String, Result> answers = new LinkedHashMap<>();
  final List<String> ran = new ArrayList<>();

  StubVendorCli ok(String commandLine, String output) {
    answers.put(commandLine, new Result(0, output));
    return this;
  }

  StubVendorCli ok(String commandLine) {
    return ok(commandLine, "");
  }

  StubVendorCli fails(String commandLine) {
    answers.put(commandLine, new Result(1, ""));
    return this;
  }

  @Override
  public Result run(String commandLine) {
    ran.add(commandLine);
    Result answer = answers.get(commandLine);
    if (answer == null) {
      throw new AssertionError("unexpected command line: " + commandLine + "\nexpected one of: " + answers.keySet());
    }
    return answer;
  }
}
