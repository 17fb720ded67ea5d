package io.driftwatch.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 date-time with an offset ({@code Z}, {@code +01:00}) to an Instant. The common shape
 * {@code 2026-11-20T10:00:00[.fraction](Z|±hh:mm)} is parsed by hand: DateTimeFormatter costs about a
 * microsecond, as much as the rest of an event. Anything else goes to {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME},
 * which decides what is accepted.
 */
final class InstantParser {

    private InstantParser() {}

    /** The instant, or null when the text is not an ISO-8601 date-time with an offset. */
    static Instant parse(String s) {
        Instant fast = parseCommon(s);
        if (fast != null) {
            return fast;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s, Instant::from);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant parseCommon(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || om > 59 || oh * 3600 + om * 60 > 18 * 3600) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
    }

    /** The unsigned decimal in s[from, from + count), or -1 when one of those is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
