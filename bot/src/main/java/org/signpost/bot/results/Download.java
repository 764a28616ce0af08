package org.signpost.bot.results;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * An export written straight to the response as it is made: the largest round's is tens of MB, never held.
 * Everything it shows is read from Redis before its first byte, so Redis failing later cannot shorten it. If
 * making it fails part way all the same, HR must see a failed download, never a shorter file that ends cleanly:
 * the response has no length and goes out in chunks, and the failure goes on to the server, which then closes
 * the connection without the last chunk (a browser marks the download failed; curl says "transfer closed").
 * So an export never closes the stream itself, nor finishes what it wrote, when it fails.
 */
final class Download {

    @FunctionalInterface
    interface Export {
        void writeTo(OutputStream out) throws IOException;
    }

    private Download() {
    }

    static void write(HttpServletResponse response, String fileName, MediaType type, Export export) throws IOException {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName).build().toString());
        OutputStream out = response.getOutputStream();
        export.writeTo(out);
        out.flush();
    }
}
