package jp.kagi.web.asp;

/** Minimal escaping for the page's few values (all text content). */
final class Html {

    private Html() {
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(AspTexts t, String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + t.locale().getLanguage() + "\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title></head><body><main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>\n";
    }
}
