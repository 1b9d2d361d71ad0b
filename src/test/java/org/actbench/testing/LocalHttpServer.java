package org.actbench.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 server for download tests, on a plain socket so that it can misbehave the way
 * real networks do: drop the connection part-way (once), answer with an HTML page or an error
 * status. Serves one body, honouring {@code Range: bytes=N-}.
 */
public final class LocalHttpServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final ServerSocket socket;
  private final Thread acceptor;
  private volatile byte[] body;
  private volatile long cutAfter = -1;
  private volatile int status = 200;
  private volatile String contentType = "application/x-gzip";
  private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();

  public LocalHttpServer(byte[] body) throws IOException {
    this.body = body;
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "local-http-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/cifar-10-binary.tar.gz");
  }

  /** The next response stops after {@code bytes} body bytes and closes the connection. */
  public LocalHttpServer cutOnceAfter(long bytes) {
    cutAfter = bytes;
    return this;
  }

  public LocalHttpServer respond(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    return this;
  }

  /** The Range header of each request received ("" when none). */
  public List<String> rangeHeaders() {
    return rangeHeaders;
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        serve(client);
      } catch (IOException e) {
        // Connection dropped on purpose, or the server closed.
      }
    }
  }

  private void serve(Socket client) throws IOException {
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
    String requestLine = in.readLine();
    if (requestLine == null) {
      return;
    }
    String range = "";
    for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Range")) {
        range = line.substring(colon + 1).trim();
      }
    }
    rangeHeaders.add(range);
    byte[] data = body;
    int code = status;
    long start = 0;
    StringBuilder head = new StringBuilder();
    Matcher m = RANGE.matcher(range);
    if (code == 200 && m.matches()) {
      start = Long.parseLong(m.group(1));
      if (start >= data.length) {
        write(
            client,
            "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
      }
      code = 206;
      head.append("Content-Range: bytes ")
          .append(start)
          .append('-')
          .append(data.length - 1)
          .append('/')
          .append(data.length)
          .append("\r\n");
    }
    long length = data.length - start;
    String reason = code == 200 ? "OK" : code == 206 ? "Partial Content" : "Error";
    OutputStream out = client.getOutputStream();
    out.write(
        ("HTTP/1.1 "
                + code
                + " "
                + reason
                + "\r\nContent-Type: "
                + contentType
                + "\r\nContent-Length: "
                + length
                + "\r\nConnection: close\r\n"
                + head
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    long cut = cutAfter;
    cutAfter = -1;
    long end = cut >= 0 ? Math.min(data.length, start + cut) : data.length;
    for (long at = start; at < end; at += 1 << 16) {
      out.write(data, (int) at, (int) Math.min(1 << 16, end - at));
    }
    out.flush();
  }

  private static void write(Socket client, String text) throws IOException {
    client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
