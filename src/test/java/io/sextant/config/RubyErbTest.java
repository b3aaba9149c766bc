package io.sextant.config;

import java.util.Map;

/** {@link RubyErbTemplates} on JRuby, the engine Sextant loads when there is no {@code ruby} on {@code PATH}. */
class RubyErbTest extends RubyErbTemplates {
  @Override
  RubyEngine start() {
    return RubyErb.start(Map.of(), "test");
  }

  @Override
  void stop(RubyEngine engine) {
    ((RubyErb) engine).close();
  }
}
