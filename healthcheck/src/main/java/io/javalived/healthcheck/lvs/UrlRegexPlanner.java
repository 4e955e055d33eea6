package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.probe.BodyRegex;
import io.javalived.parser.model.HttpUrl;
import io.javalived.parser.model.RawValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A url block's {@code regex}, {@code regex_no_match}, {@code regex_options}, {@code regex_min_offset},
 * {@code regex_max_offset} and {@code regex_stack} (keepalived 2.2.7, PCRE2) as a {@link BodyRegex}, with a warning
 * (file:line) for whatever java.util.regex cannot do as PCRE2 does. keepalived's own rules: offsets or options without
 * a regex are ignored ("regex parameters specified without regex"), a min offset not below max + 1 clears both.
 */
final class UrlRegexPlanner {
    private UrlRegexPlanner() {}

    /** PCRE2 options with a java.util.regex flag of the same meaning. */
    private static final Map<String, Integer> FLAGS = Map.of(
            "caseless", Pattern.CASE_INSENSITIVE,
            "multiline", Pattern.MULTILINE,
            "dotall", Pattern.DOTALL,
            "extended", Pattern.COMMENTS,
            "ucp", Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE,
            "utf", Pattern.UNICODE_CASE);

    /** PCRE2 options that only tune how PCRE2 works, not what matches (or nothing javalived sets off). */
    private static final Set<String> NO_EFFECT = Set.of("auto_callout", "never_ucp", "never_utf", "no_auto_capture",
            "no_auto_possess", "no_dotstar_anchor", "no_start_optimize", "never_backslash_c", "use_offset_limit", "dupnames");

    /** PCRE2 options java.util.regex has no equivalent for. */
    private static final Set<String> UNAVAILABLE = Set.of("allow_empty_class", "alt_bsux", "dollar_endonly", "firstline",
            "match_unset_backref", "ungreedy", "alt_circumflex", "alt_verbnames");

    static Optional<BodyRegex> plan(HttpUrl url, Consumer<String> warnings) {
        List<RawValue> params = url.other().stream().filter(v -> v.keyword().startsWith("regex_")).toList();
        if (url.regex().isEmpty()) {
            if (!params.isEmpty() || url.regexNoMatch()) {
                warnings.accept(url.location() + ": url " + url.path() + ": regex parameters specified without regex - ignored");
            }
            return Optional.empty();
        }
        String pattern = url.regex().get();
        int flags = 0;
        boolean utf8 = false;
        Integer min = null;
        Integer max = null;
        for (RawValue v : params) {
            switch (v.keyword()) {
                case "regex_options" -> {
                    for (String o : v.args()) {
                        if (FLAGS.containsKey(o)) {
                            flags |= FLAGS.get(o);
                            utf8 |= o.equals("utf");
                        } else if (UNAVAILABLE.contains(o)) {
                            warnings.accept(v.location() + ": regex_options " + o + " has no java.util.regex equivalent;"
                                    + " the regex is matched without it");
                        } else if (!NO_EFFECT.contains(o)) {
                            warnings.accept(v.location() + ": regex_options " + o + " is not a PCRE2 option keepalived knows - ignored");
                        }
                    }
                }
                case "regex_min_offset" -> min = offset(v, warnings);
                case "regex_max_offset" -> max = offset(v, warnings);
                default -> { } // regex_stack sizes PCRE2's JIT stack: java.util.regex has none to size
            }
        }
        int minOffset = min == null ? 0 : min;
        OptionalInt maxOffset = max == null ? OptionalInt.empty() : OptionalInt.of(max);
        if (max != null && minOffset > max) {
            warnings.accept(url.location() + ": url " + url.path() + ": regex min offset " + minOffset
                    + " > regex_max_offset " + max + " - ignoring both");
            minOffset = 0;
            maxOffset = OptionalInt.empty();
        }
        try {
            Pattern.compile(pattern, flags);
        } catch (PatternSyntaxException e) {
            warnings.accept(url.location() + ": url " + url.path() + ": invalid regex '" + pattern + "' at offset "
                    + Math.max(e.getIndex(), 0) + ": " + e.getDescription() + " (java.util.regex); the url is checked"
                    + " without it");
            return Optional.empty();
        }
        return Optional.of(new BodyRegex(pattern, flags, utf8, url.regexNoMatch(), minOffset, maxOffset));
    }

    /** An offset as keepalived reads it (a decimal number), null when it is not one. */
    private static Integer offset(RawValue v, Consumer<String> warnings) {
        if (v.args().size() == 1 && v.args().getFirst().matches("\\d{1,9}")) {
            return Integer.parseInt(v.args().getFirst());
        }
        warnings.accept(v.location() + ": invalid " + v.keyword() + " " + String.join(" ", v.args()) + " - ignored");
        return null;
    }
}
