package id.atensi.beneficiary.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** A data-export document as a self-contained HTML page to print: nested tables, every value escaped, no script. */
final class PrintableDocument {

    private PrintableDocument() {
    }

    static String html(JsonNode document) {
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="id"><head><meta charset="utf-8">
                <title>Salinan data pribadi / Copy of personal data</title>
                <style>body{font-family:sans-serif;font-size:11pt}table{border-collapse:collapse;margin:2px 0}
                th,td{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}th{background:#eee}</style>
                </head><body>
                <h1>Salinan data pribadi / Copy of personal data</h1>
                <p>UU 27/2022 &mdash; hak akses subjek data / the data subject's right of access.</p>
                """);
        render(document, page);
        return page.append("</body></html>\n").toString();
    }

    private static void render(JsonNode node, StringBuilder page) {
        if (node == null || node.isNull()) {
            page.append("&mdash;");
        } else if (node.isObject()) {
            page.append("<table>");
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                page.append("<tr><th>").append(escape(field.getKey())).append("</th><td>");
                render(field.getValue(), page);
                page.append("</td></tr>");
            }
            page.append("</table>");
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                page.append("&mdash;");
            }
            for (JsonNode item : node) {
                render(item, page);
            }
        } else {
            page.append(escape(node.asText()));
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
