package org.actbench.testing;

import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.ContextMenuEvent;
import org.testfx.api.FxRobot;

/** Clicks that the headless platform (Monocle) does not turn into events by itself. */
public final class FxClicks {
  private FxClicks() {}

  /** A right click at the node's middle, as the platform reports it: its context-menu request. */
  public static void rightClickMiddle(FxRobot robot, Node node) {
    robot.interact(
        () -> {
          Bounds local = node.getBoundsInLocal();
          Point2D middle = new Point2D(local.getWidth() / 2, local.getHeight() / 2);
          Point2D scene = node.localToScene(middle); // the event's x and y are the scene's
          Point2D screen = node.localToScreen(middle);
          Event.fireEvent(
              node,
              new ContextMenuEvent(
                  ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                  scene.getX(),
                  scene.getY(),
                  screen.getX(),
                  screen.getY(),
                  false,
                  null));
        });
  }
}
