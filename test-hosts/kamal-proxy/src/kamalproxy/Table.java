package kamalproxy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** kamal-proxy's plain table: cells padded to the column width plus two spaces, ANSI-styled as upstream. */
final class Table {
  private static final String HEADER = "3;94";
  private static final String FIRST_COLUMN = "1;34";
  private static final String PLAIN = "";

  private Table() {
  }

  static String render(List<List<String>> rows) {
    Map<Integer, Integer> widths = new HashMap<>();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths.merge(i, row.get(i).length(), Math::max);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      for (int i = 0; i < row.size(); i++) {
        String style = r == 0 ? HEADER : i == 0 ? FIRST_COLUMN : PLAIN;
        String cell = row.get(i);
        out.append("\033[").append(style).append('m').append(cell).append("\033[0m")
            .append(" ".repeat(widths.get(i) - cell.length())).append("  ");
      }
      out.append('\n');
    }
    return out.toString();
  }
}
