package org.actbench.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** What the exporters share: formats, and writing through a temporary file. */
public final class Exports {
  private Exports() {}

  /** The formats a figure can be written in. */
  public enum Format {
    PNG,
    SVG,
    PDF;

    public static Format parse(String s) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(s)) {
          return f;
        }
      }
      throw new IllegalArgumentException("format must be png, svg or pdf, got '" + s + "'");
    }

    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Writes a figure in a format; sizes in points, dpi for PNG only. */
  public static void write(
      Figure figure, Format format, Path file, double width, double height, int dpi)
      throws IOException {
    switch (format) {
      case PNG -> PngExport.write(figure, file, width, height, dpi);
      case SVG -> SvgExport.write(figure, file, width, height);
      case PDF -> PdfExport.write(figure, file, width, height);
    }
  }

  /** Writes to {@code file.tmp} and renames, so a reader never sees half a file. */
  static void atomicWrite(Path file, byte[] bytes) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
