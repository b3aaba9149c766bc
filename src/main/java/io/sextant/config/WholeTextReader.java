package io.sextant.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * snakeyaml's {@link StreamReader} over a text already in memory. snakeyaml's own reader copies its whole
 * look-ahead window each time it reads 1,024 more characters, and a scalar is scanned by peeking further and
 * further without moving on: a token of n characters without a blank (one long line in an unclosed quote, say)
 * costs n²/2,048 copies, over a minute for 10 MB. Here the code points are in one array: each peek is O(1).
 * Positions, lines, columns and marks are counted exactly as snakeyaml counts them.
 */
final class WholeTextReader extends StreamReader {
  /** As snakeyaml checks characters: one read buffer at a time, so an early syntax error is still seen first. */
  private static final int CHECK_CHUNK = 1024;

  private final int[] text;
  private int pointer;
  private int documentIndex;
  private int line;
  private int column;
  private int checkedUpTo;

  WholeTextReader(String text) {
    super("");
    this.text = text.codePoints().toArray();
  }

  @Override
  public Mark getMark() {
    return new Mark("'reader'", pointer, line, column, text, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int length) {
    for (int i = 0; i < length && available(0); i++) {
      int c = text[pointer++];
      documentIndex++;
      if (Constant.LINEBR.has(c) || (c == '\r' && available(0) && text[pointer] != '\n')) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return peek(0);
  }

  @Override
  public int peek(int index) {
    return available(index) ? text[pointer + index] : '\0';
  }

  @Override
  public String prefix(int length) {
    if (length == 0 || !available(0)) {
      return "";
    }
    int end = pointer + length;
    available(length - 1);
    return new String(text, pointer, Math.min(end, text.length) - pointer);
  }

  @Override
  public String prefixForward(int length) {
    String prefix = prefix(length);
    forward(length); // the same count snakeyaml moves: code points, not chars
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return pointer;
  }

  @Override
  public int getLine() {
    return line;
  }

  /** Whether the code point {@code index} ahead exists; checks that it and those before are allowed in YAML. */
  private boolean available(int index) {
    int position = pointer + index;
    if (position >= text.length) {
      checkUpTo(text.length);
      return false;
    }
    if (position >= checkedUpTo) {
      checkUpTo(Math.min(text.length, Math.max(position + 1, checkedUpTo + CHECK_CHUNK)));
    }
    return true;
  }

  private void checkUpTo(int end) {
    for (int i = checkedUpTo; i < end; i++) {
      if (!StreamReader.isPrintable(text[i])) {
        throw new ReaderException("'reader'", i, text[i], "special characters are not allowed");
      }
    }
    checkedUpTo = Math.max(checkedUpTo, end);
  }
}
