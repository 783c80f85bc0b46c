package dev.mp4j.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The registry behind {@code Demo --list} / {@code --run}, and the example sources, without starting anything. */
class ExamplesRegistryTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/mp4j/examples");

    /** Registered examples that are not seed programs. */
    private static final Set<Class<?>> EXTRAS = Set.of(dev.mp4j.examples.pools.ProgressBar.class);

    @Test
    void everyRegisteredExampleHasAPublicMain() throws NoSuchMethodException {
        assertEquals(38 + EXTRAS.size(), Examples.ALL.size(), Examples.ALL.keySet().toString());
        assertEquals(Examples.ALL.size(), Set.copyOf(Examples.ALL.values()).size(), "one class per name");
        assertTrue(Examples.ALL.values().containsAll(EXTRAS));
        for (var type : Examples.ALL.values()) {
            var main = type.getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), type.getName());
        }
    }

    @Test
    void theExamplesAreTheThirtyEightSeedProgramsOnceEach() throws IOException {
        var seed = Pattern.compile("^/\\*\\*\\s*\\R?\\s*\\*?\\s*Seed (\\d+)\\.", Pattern.MULTILINE);
        var seeds = new HashSet<Integer>();
        for (var type : Examples.ALL.values()) {
            if (EXTRAS.contains(type)) continue;
            String source = Files.readString(sourceOf(type));
            var m = seed.matcher(source);
            assertTrue(m.find(), type.getName() + ": its javadoc names its seed program");
            assertTrue(seeds.add(Integer.parseInt(m.group(1))), type.getName() + ": seed " + m.group(1) + " twice");
        }
        assertEquals(IntStream.rangeClosed(1, 38).boxed().collect(Collectors.toSet()), seeds);
    }

    @Test
    void examplesUseThePublicApiOnly() throws IOException {
        List<Path> offenders;
        try (var files = Files.walk(SOURCES)) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("dev.mp4j.internal");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), offenders);
    }

    private static Path sourceOf(Class<?> type) {
        return SOURCES.resolve(type.getName().substring("dev.mp4j.examples.".length()).replace('.', '/') + ".java");
    }
}
