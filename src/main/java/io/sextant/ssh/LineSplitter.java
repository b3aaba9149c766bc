package io.sextant.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Collects one output stream of a remote command and hands each complete line to an {@link OutputListener}. */
final class LineSplitter extends OutputStream {
  private final String host;
  private final boolean stderr;
  private final OutputListener listener;
  private final ByteArrayOutputStream all = new ByteArrayOutputStream();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LineSplitter(String host, boolean stderr, OutputListener listener) {
    this.host = host;
    this.stderr = stderr;
    this.listener = listener;
  }

  @Override
  public synchronized void write(int b) {
    all.write(b);
    if (b == '\n') {
      emit();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Emits a last line that had no line break. */
  synchronized void finish() {
    if (line.size() > 0) {
      emit();
    }
  }

  synchronized String text() {
    return all.toString(StandardCharsets.UTF_8);
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    listener.line(host, stderr, text);
  }
}
