package org.actbench.data;

/**
 * A dataset that cannot be used, with a message for a person: it names the file or setting and says
 * what was expected. The command line turns it into exit code 2, the window into a dialog.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
