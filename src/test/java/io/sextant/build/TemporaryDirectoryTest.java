package io.sextant.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ruby's {@code Dir.tmpdir} rules (lib/tmpdir.rb): TMPDIR, TMP, TEMP, then /tmp; unsafe or missing ones skipped. */
class TemporaryDirectoryTest {
  @TempDir Path tmp;

  @Test
  void tmpdirWinsAndIsNormalised() throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    assertThat(TemporaryDirectory.of(Map.of("TMPDIR", mine + "/", "TMP", "/tmp"))).isEqualTo(mine);
  }

  @Test
  void aMissingTmpdirFallsBackToTmpThenTemp() throws IOException {
    Path temp = Files.createDirectories(tmp.resolve("temp"));
    assertThat(TemporaryDirectory.of(Map.of("TMPDIR", tmp.resolve("gone").toString(), "TEMP", temp.toString())))
        .isEqualTo(temp);
  }

  @Test
  void aWorldWritableDirectoryWithoutTheStickyBitIsSkipped() throws IOException {
    Path open = Files.createDirectories(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(TemporaryDirectory.of(Map.of("TMPDIR", open.toString()))).isEqualTo(Path.of("/tmp"));
  }

  @Test
  void withoutVariablesItIsSlashTmp() {
    assertThat(TemporaryDirectory.of(Map.of())).isEqualTo(Path.of("/tmp"));
  }
}
