package org.signpost.bot.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bot in a JVM of its own (the application from this module's test class path, or Signpost as packaged), so
 * that it can be measured alone (RSS, CPU), and killed like a crashed instance.
 */
public final class BotProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startUp;

    private BotProcess(String name, Process process, int port, Path log, Duration startUp) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.startUp = startUp;
    }

    /**
     * Starts {@code mainClass} with these Spring properties (as {@code --key=value}) and JVM options, and
     * waits until it answers HTTP.
     */
    public static BotProcess start(String name, String mainClass, Map<String, String> properties,
            List<String> jvmOptions, Path folder) {
        return start(name, mainClass, properties, jvmOptions, Map.of(), folder);
    }

    /** The same, with these environment variables set for the bot's JVM. */
    public static BotProcess start(String name, String mainClass, Map<String, String> properties,
            List<String> jvmOptions, Map<String, String> environment, Path folder) {
        return start(name, List.of("-cp", classPath(), mainClass), properties, jvmOptions, environment, folder);
    }

    /**
     * Signpost as README starts it, from the folder {@code package} leaves ({@code java @signpost.args -jar
     * signpost-bot.jar}: its JVM flags, Spring's ahead-of-time code, the start-up archive, the compiler directives),
     * with {@code jvmOptions} added before them.
     */
    public static BotProcess startShipped(String name, Path shipped, Map<String, String> properties,
            List<String> jvmOptions, Map<String, String> environment, Path folder) {
        Path arguments = shipped.resolve("signpost.args");
        Path jar = shipped.resolve("signpost-bot.jar");
        if (!Files.isRegularFile(arguments) || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged Signpost in " + shipped
                    + ": build it first with ./mvnw -pl bot -am package -DskipTests");
        }
        return start(name, List.of("@" + arguments, "-jar", jar.toString()), properties, jvmOptions, environment,
                folder);
    }

    private static BotProcess start(String name, List<String> launch, Map<String, String> properties,
            List<String> jvmOptions, Map<String, String> environment, Path folder) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.add("--management.server.port=" + freePort());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(folder);
            Path log = folder.resolve(name + ".log");
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            long deadline = started + TimeUnit.SECONDS.toNanos(120);
            while (!answers(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException(name + " did not start; see " + log);
                }
                Thread.sleep(50);
            }
            return new BotProcess(name, process, port, log, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** This module's test class path, as Surefire runs it (its own class path is one manifest jar). */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public Duration startUp() {
        return startUp;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Writes the bot's thread dump ({@code jcmd Thread.print}) into {@code file}: what every thread of the bot
     * is doing, e.g. while a request it was sent goes unanswered.
     */
    public void threadDump(Path file) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print", "-l")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Resident memory now, in MiB (Linux). */
    public long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return -1;
    }

    /** CPU time used so far (user and system), from /proc (Linux), in milliseconds. */
    public long cpuMillis() {
        return cpuMillis(process.pid());
    }

    /** CPU time a process has used so far (user and system), from /proc (Linux), in milliseconds; -1 if unknown. */
    static long cpuMillis(long pid) {
        return cpuMillis(pid, false);
    }

    /** The same, with {@code children}: and the children it has waited for (a fork that has ended). */
    static long cpuMillis(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state on: utime and stime are the 12th and 13th, in clock ticks (100 a second), and
            // cutime and cstime, the children's, the 14th and 15th
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + (children ? Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : 0);
            return ticks * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A crash: SIGKILL, nothing flushed, no shutdown hook. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** A clean stop: SIGTERM, as a container stop sends, and wait for the JVM to exit. */
    public void terminate() {
        process.destroy();
        waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        if (!waitFor()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    private boolean waitFor() {
        try {
            return process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == 'H';
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
