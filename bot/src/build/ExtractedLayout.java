import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the extracted jar package leaves (bot/pom.xml, execution "extract-check"), run as a source file:
 * {@code java ExtractedLayout.java <folder> <main class>}. The thin jar's manifest names the main class, which the
 * thin jar holds, and its Class-Path names exactly the files in lib/: one missing and the bot fails at start-up
 * with a missing class, one left over and lib/ is not what runs.
 */
public class ExtractedLayout {

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        String mainClass = args[1];
        List<String> problems = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        try (JarFile thin = new JarFile(folder.resolve("signpost-bot.jar").toFile())) {
            Manifest manifest = thin.getManifest();
            String main = manifest.getMainAttributes().getValue("Main-Class");
            if (!mainClass.equals(main)) {
                problems.add("Main-Class is " + main + ", not " + mainClass);
            }
            if (thin.getEntry(mainClass.replace('.', '/') + ".class") == null) {
                problems.add("the thin jar does not hold " + mainClass);
            }
            String classPath = manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                named.addAll(Arrays.asList(classPath.trim().split("\\s+")));
            }
        }
        Set<String> present;
        try (Stream<Path> lib = Files.list(folder.resolve("lib"))) {
            present = lib.map(file -> "lib/" + file.getFileName()).collect(Collectors.toCollection(TreeSet::new));
        }
        if (present.isEmpty()) {
            problems.add("lib/ is empty");
        }
        for (String entry : named) {
            if (!present.contains(entry)) {
                problems.add("Class-Path names " + entry + ", which is not there");
            }
        }
        for (String file : present) {
            if (!named.contains(file)) {
                problems.add(file + " is not on the Class-Path");
            }
        }
        if (!problems.isEmpty()) {
            System.err.println("The extracted jar in " + folder + " would not run as built:");
            problems.forEach(problem -> System.err.println("  " + problem));
            System.exit(1);
        }
        System.out.println("Extracted jar in " + folder + ": " + named.size() + " libraries, all on its Class-Path");
    }
}
