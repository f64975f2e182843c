package io.github.osslog.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds relative links in Markdown that lead nowhere: a file or directory that does not exist, or a {@code #anchor}
 * that is no heading of its target (GitHub's heading ids). Links inside code are not links, and web links are not
 * followed (tests stay on loopback).
 */
final class MarkdownLinks {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    private MarkdownLinks() {
    }

    /** One line per broken link of {@code file}, naming the file, the line and the target. */
    static List<String> problems(Path file) {
        List<String> problems = new ArrayList<>();
        List<String> lines = prose(read(file));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINK.matcher(CODE_SPAN.matcher(lines.get(i)).replaceAll(""));
            while (m.find()) {
                String problem = problem(file, m.group(1));
                if (problem != null) {
                    problems.add(file + ":" + (i + 1) + ": " + m.group(1) + " (" + problem + ")");
                }
            }
        }
        return problems;
    }

    private static String problem(Path from, String target) {
        if (target.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path resolved = path.isEmpty() ? from : from.toAbsolutePath().getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        String anchor = target.substring(hash + 1);
        return anchors(resolved).contains(anchor) ? null : "no heading with id '" + anchor + "'";
    }

    /** The ids GitHub gives the headings: lower case, punctuation removed, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(Path file) {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(read(file))) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String id = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int n = seen.merge(id, 1, Integer::sum) - 1;
                ids.add(n == 0 ? id : id + "-" + n);
            }
        }
        return ids;
    }

    /** The lines outside fenced code blocks; the lines inside become empty, so line numbers stay right. */
    private static List<String> prose(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        boolean fenced = false;
        for (String line : lines) {
            boolean fence = line.trim().startsWith("```");
            out.add(fenced || fence ? "" : line);
            if (fence) {
                fenced = !fenced;
            }
        }
        return out;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
