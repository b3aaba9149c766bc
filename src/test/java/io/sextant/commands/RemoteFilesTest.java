package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemoteFilesTest {
  @Test
  void writesThroughATemporaryFileUnderARestrictiveUmask() {
    assertThat(RemoteFiles.writeStdinTo(".kamal/apps/app/env/roles/web.env", "600")).isEqualTo(
        "umask 077 && cat > .kamal/apps/app/env/roles/web.env.sextant-tmp"
            + " && chmod 600 .kamal/apps/app/env/roles/web.env.sextant-tmp"
            + " && mv .kamal/apps/app/env/roles/web.env.sextant-tmp .kamal/apps/app/env/roles/web.env");
  }

  @Test
  void hostilePathsAreQuoted() {
    assertThat(RemoteFiles.writeStdinTo("a'b$(x)", "644"))
        .isEqualTo("umask 077 && cat > 'a'\\''b$(x).sextant-tmp' && chmod 644 'a'\\''b$(x).sextant-tmp'"
            + " && mv 'a'\\''b$(x).sextant-tmp' 'a'\\''b$(x)'");
  }

  @Test
  void modeMustBeOctal() {
    assertThatThrownBy(() -> RemoteFiles.writeStdinTo("f", "u+x")).isInstanceOf(IllegalArgumentException.class);
  }
}
