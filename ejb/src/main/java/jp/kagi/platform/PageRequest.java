package jp.kagi.platform;

/**
 * A page of a list as callers ask for it: page counts from 0, size is 1 to a maximum. Parsed from text so that a
 * REST caller sending "page=abc" gets the same translated refusal as one sending "page=-1", not a bare 404.
 */
public record PageRequest(int page, int size) {

    public PageRequest {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page " + page + ", size " + size); // parse() refuses these politely
        }
        if ((long) page * size > Integer.MAX_VALUE) { // the offset must fit setFirstResult
            throw KagiException.invalid("error.pageTooFar", page);
        }
    }

    /** {@code page} and {@code size} as sent (blank: 0 and {@code defaultSize}); refuses what is not a valid page. */
    public static PageRequest parse(String page, String size, int defaultSize, int maxSize) {
        int p = number(page, 0, maxSize);
        int s = number(size, defaultSize, maxSize);
        if (s < 1 || s > maxSize || p < 0) {
            throw KagiException.invalid("error.page", maxSize);
        }
        return new PageRequest(p, s);
    }

    /** The first row of this page, for setFirstResult. */
    public int offset() {
        return page * size;
    }

    private static int number(String text, int blank, int maxSize) {
        if (text == null || text.isBlank()) {
            return blank;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw KagiException.invalid("error.page", maxSize);
        }
    }
}
