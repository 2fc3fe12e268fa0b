package io.switchboard.mgmt.api;

import java.util.regex.Pattern;

/**
 * Cells of the API's CSV exports, made safe for spreadsheets: a text cell that starts with
 * {@code = + - @}, a tab or a carriage return would be run as a formula when the file is opened
 * (CSV injection), so it is written with a leading apostrophe, which spreadsheets show as text.
 * Numbers and telephone numbers ({@code +44 20 7946 0000}, {@code -3.5}) are left as they are.
 * The CSV imports take the apostrophe away again, so that an export imports unchanged.
 */
public final class CsvCells {

    private static final Pattern NUMBER_LIKE = Pattern.compile("[+-]?[0-9][0-9 ().-]*");

    private CsvCells() {
    }

    /** @return the cell as it may be written: text that a spreadsheet would run is quoted with an apostrophe */
    public static Object safe(Object cell) {
        if (!(cell instanceof CharSequence text) || text.isEmpty()) {
            return cell;
        }
        String s = text.toString();
        return runsAsFormula(s) ? "'" + s : s;
    }

    /** @return a cell read from an import, without the apostrophe {@link #safe} put before a formula character */
    public static String unescape(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && runsAsFormula(cell.substring(1))
                ? cell.substring(1) : cell;
    }

    private static boolean runsAsFormula(String s) {
        char c = s.charAt(0);
        return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') && !NUMBER_LIKE.matcher(s).matches();
    }
}
