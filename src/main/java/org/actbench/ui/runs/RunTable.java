package org.actbench.ui.runs;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.ProgressBarTableCell;

/**
 * The run queue's table: the model's rows, its selection kept the same as the model's both ways
 * (new runs the model selects are scrolled to).
 */
final class RunTable extends TableView<LiveRun> {
  private boolean applying; // the model's selection is being put into the table

  RunTable(RunsViewModel model) {
    super(model.rows());
    setId("run-queue");
    getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    getColumns()
        .addAll(
            List.of(
                column("Run", 250, r -> new SimpleStringProperty(r.label())),
                column("Status", 140, r -> r.status),
                column("Step", 95, r -> r.steps),
                progressColumn(),
                column("Elapsed", 80, r -> r.elapsed),
                column("ETA", 80, r -> r.eta),
                column("Measure", 90, r -> r.measure),
                column("Kernels", 80, r -> r.kernels)));
    Label placeholder = new Label();
    placeholder.textProperty().bind(model.placeholder());
    setPlaceholder(placeholder);
    ObservableList<LiveRun> selected = getSelectionModel().getSelectedItems();
    selected.addListener(
        (ListChangeListener<LiveRun>)
            c -> {
              if (!applying && !model.selection().equals(selected)) {
                model.selection().setAll(List.copyOf(selected));
              }
            });
    model
        .selection()
        .addListener(
            (ListChangeListener<LiveRun>)
                c -> {
                  if (!selected.equals(model.selection())) {
                    applying = true;
                    getSelectionModel().clearSelection();
                    model.selection().forEach(r -> getSelectionModel().select(r));
                    applying = false;
                    if (!model.selection().isEmpty()) {
                      scrollTo(model.selection().get(0));
                    }
                  }
                });
  }

  private static TableColumn<LiveRun, String> column(
      String title, double width, Function<LiveRun, ObservableValue<String>> value) {
    TableColumn<LiveRun, String> c = new TableColumn<>(title);
    c.setCellValueFactory(r -> value.apply(r.getValue()));
    c.setPrefWidth(width);
    return c;
  }

  private static TableColumn<LiveRun, Double> progressColumn() {
    TableColumn<LiveRun, Double> progress = new TableColumn<>("Progress");
    progress.setCellValueFactory(r -> r.getValue().progress.asObject());
    progress.setCellFactory(ProgressBarTableCell.forTableColumn());
    progress.setPrefWidth(140);
    return progress;
  }
}
