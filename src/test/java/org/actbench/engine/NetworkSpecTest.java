package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.actbench.engine.optim.LrSchedule;
import org.actbench.experiment.Json;
import org.actbench.experiment.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkSpecTest {
  @TempDir Path tmp;

  @Test
  void referenceNetworkHasTheFixedShapeAndSize() {
    Network net = Network.build(NetworkSpec.reference(ActivationSpec.of("elu")), 1);
    assertThat(net.layers())
        .extracting(l -> l.name())
        .containsExactly(
            "conv1",
            "act1",
            "conv2",
            "act2",
            "maxpool1",
            "conv3",
            "act3",
            "conv4",
            "act4",
            "maxpool2",
            "flatten1",
            "fc1");
    // 896 + 9248 + 18496 + 36928 + 40970
    assertThat(net.parameterCount()).isEqualTo(106_538L);
  }

  @Test
  void plainFamilySplitsDepthIntoStagesAndPaper11Builds() {
    NetworkSpec plain = NetworkSpec.plain(8, 16, List.of(ActivationSpec.of("relu")), true, 0.2);
    assertThat(plain.layers().stream().filter(l -> l instanceof LayerSpec.Conv)).hasSize(8);
    assertThat(plain.layers().stream().filter(l -> l instanceof LayerSpec.MaxPool)).hasSize(3);
    assertThat(Network.build(plain, 1).layers()).isNotEmpty();
    Network paper = Network.build(NetworkSpec.paper11(ActivationSpec.of("elu"), 0.25), 1);
    assertThat(paper.layers().stream().filter(l -> l.name().startsWith("conv"))).hasSize(11);
  }

  @Test
  void layerInTheWrongPlaceIsRefusedWithItsPosition() {
    NetworkSpec bad =
        new NetworkSpec(
            List.of(new LayerSpec.Flatten(), LayerSpec.Conv.same3x3(4), new LayerSpec.Dense(10)),
            Init.HE,
            10);
    assertThatThrownBy(() -> Network.build(bad, 1))
        .hasMessageContaining("layer 2 (conv)")
        .hasMessageContaining("put it before flatten");
    NetworkSpec flat =
        new NetworkSpec(List.of(LayerSpec.Conv.same3x3(4), new LayerSpec.Dense(10)), Init.HE, 10);
    assertThatThrownBy(() -> Network.build(flat, 1)).hasMessageContaining("add flatten or gap");
  }

  @Test
  void specFilesRoundTripAndNameTheBadField() throws IOException {
    TrainSpec spec = TrainSpec.defaults();
    Path file = tmp.resolve("spec.json");
    Json.write(file, spec);
    assertThat(Json.readSpec(file)).isEqualTo(spec);
    Files.writeString(
        file, Files.readString(file).replace("\"batch\" : 64", "\"batch\" : \"many\""));
    assertThatThrownBy(() -> Json.readSpec(file)).hasMessageContaining("batch");
    Files.writeString(file, "{\"family\": \"plain\"}");
    assertThatThrownBy(() -> Json.readSpec(file)).hasMessageContaining("is missing");
  }

  @Test
  void explicitLayerListsRoundTripThroughJson() throws IOException {
    NetworkSpec net = NetworkSpec.plain(3, 4, List.of(ActivationSpec.of("prelu")), true, 0.1);
    TrainSpec d = TrainSpec.defaults();
    TrainSpec explicit =
        TrainSpec.builder()
            .activation(d.activation())
            .depth(0)
            .width(0)
            .optimizer(d.optimizer())
            .lr(d.lr())
            .momentum(d.momentum())
            .schedule(d.schedule())
            .batch(16)
            .steps(5)
            .evalEvery(5)
            .data("sample")
            .explicit(net)
            .build();
    Path file = tmp.resolve("explicit.json");
    Json.write(file, explicit);
    assertThat(Files.readString(file))
        .contains("\"type\" : \"conv\"")
        .contains("\"type\" : \"bn\"");
    TrainSpec back = Json.readSpec(file);
    assertThat(back.network()).isEqualTo(net);
  }

  @Test
  void paperStepScheduleScalesToTheRunAndStartsAtTheGivenRate() {
    LrSchedule s = LrSchedule.Steps.paperScaledTo(1650, 0.02);
    assertThat(s.at(0)).isEqualTo(0.02);
    assertThat(s.at(349)).isEqualTo(0.02);
    assertThat(s.at(350)).isEqualTo(0.01);
    assertThat(s.at(1649)).isEqualTo(0.02 * 0.005);
    assertThat(LrSchedule.Steps.paper().at(40_000)).isEqualTo(0.005);
  }
}
