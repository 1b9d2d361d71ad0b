package org.actbench.testing;

import org.actbench.engine.NativeBackend;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Selects ND4J's oneDNN natives once, before any test touches ND4J, as the Launcher does. */
public final class NativeBackendSession implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    NativeBackend.select();
  }
}
