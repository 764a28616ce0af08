import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws Signpost's Teams icons: a signpost (a pole and two arrow signs pointing different ways).
 * Run from this folder with {@code java DrawIcons.java}; the PNGs it writes are committed.
 */
public class DrawIcons {

    static final Color TEAL = new Color(0x00, 0x69, 0x7A);

    public static void main(String[] args) throws IOException {
        BufferedImage color = new BufferedImage(192, 192, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = start(color);
        g.setColor(TEAL);
        g.fillRect(0, 0, 192, 192);
        g.setColor(Color.WHITE);
        // the symbol stays inside the middle 120 x 120, as Teams asks
        drawSignpost(g, 36, 36, 120);
        g.dispose();
        ImageIO.write(color, "png", new File("color.png"));

        BufferedImage outline = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        g = start(outline);
        g.setColor(Color.WHITE);
        drawSignpost(g, 2, 2, 28);
        g.dispose();
        ImageIO.write(outline, "png", new File("outline.png"));
    }

    static Graphics2D start(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** A signpost in a square of side {@code s} at (x, y). */
    static void drawSignpost(Graphics2D g, double x, double y, double s) {
        double pole = s * 0.12;
        g.fill(new java.awt.geom.Rectangle2D.Double(x + s * 0.44, y + s * 0.06, pole, s * 0.94));
        // upper sign points right, lower sign points left
        g.fill(sign(x + s * 0.12, y + s * 0.14, s * 0.78, s * 0.22, true));
        g.fill(sign(x + s * 0.10, y + s * 0.46, s * 0.72, s * 0.22, false));
    }

    static Path2D sign(double x, double y, double width, double height, boolean right) {
        double tip = height * 0.5;
        Path2D path = new Path2D.Double();
        if (right) {
            path.moveTo(x, y);
            path.lineTo(x + width - tip, y);
            path.lineTo(x + width, y + height / 2);
            path.lineTo(x + width - tip, y + height);
            path.lineTo(x, y + height);
        } else {
            path.moveTo(x + tip, y);
            path.lineTo(x + width, y);
            path.lineTo(x + width, y + height);
            path.lineTo(x + tip, y + height);
            path.lineTo(x, y + height / 2);
        }
        path.closePath();
        return path;
    }
}
