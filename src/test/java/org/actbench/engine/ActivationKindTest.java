package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.function.DoublePredicate;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.engine.activation.ActivationKind.DropoutKind;
import org.junit.jupiter.api.Test;

/** The activation catalogue: one entry per activation, and behaviour that agrees with f'. */
class ActivationKindTest {
  @Test
  void everyEntryParsesFromItsIdAndBuildsAnActivationOfItsOwnKind() {
    for (ActivationKind kind : ActivationKind.values()) {
      assertThat(ActivationKind.parse(kind.id().toUpperCase())).isEqualTo(kind);
      assertThat(kind.help()).isNotBlank();
      assertThat(kind.formula()).startsWith("f(x) = ");
      if (kind.isLayer()) {
        assertThatThrownBy(() -> kind.activation(null, null))
            .isInstanceOf(IllegalStateException.class);
      } else {
        Activation f = kind.activation(null, null);
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.id()).isEqualTo(kind.id());
      }
    }
    assertThat(ActivationKind.parse("silu")).isEqualTo(ActivationKind.SWISH);
    assertThat(ActivationKind.choices())
        .startsWith("elu, relu, lrelu, prelu, srelu")
        .endsWith(" or swish");
  }

  @Test
  void seluAloneGetsLecunInitAndAlphaDropout() {
    for (ActivationKind kind : ActivationKind.values()) {
      boolean selu = kind == ActivationKind.SELU;
      assertThat(kind.defaultInit()).isEqualTo(selu ? Init.LECUN : Init.HE);
      assertThat(kind.dropout()).isEqualTo(selu ? DropoutKind.ALPHA : DropoutKind.STANDARD);
    }
    assertThat(NetworkSpec.defaultInit(ActivationSpec.of("selu"))).isEqualTo(Init.LECUN);
  }

  /** The saturation test read from the output a says what f'(z) says, away from kinks. */
  @Test
  void theSaturationTestAgreesWithTheDerivative() {
    double slope = 0.05;
    for (ActivationKind kind : ActivationKind.values()) {
      if (kind.isLayer()) {
        continue;
      }
      Activation f = kind.activation(kind == ActivationKind.ELU ? 0.5 : null, null);
      DoublePredicate saturated = f.saturatedBelow(slope).orElse(null);
      if (saturated == null) {
        assertThat(kind).isIn(ActivationKind.LRELU, ActivationKind.GELU, ActivationKind.SWISH);
        continue;
      }
      for (double z = -8.0005; z < 8; z += 0.01) {
        assertThat(saturated.test(f.f(z))).as("%s at %s", f.label(), z).isEqualTo(f.df(z) < slope);
      }
    }
  }

  @Test
  void aSpecFileNamesTheActivationByItsIdAsBefore() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String written = json.writeValueAsString(new ActivationSpec("ELU", 0.5, null));
    assertThat(written).isEqualTo("{\"id\":\"elu\",\"alpha\":0.5,\"slope\":null}");
    assertThat(json.readValue("{\"id\":\"silu\"}", ActivationSpec.class).kind())
        .isEqualTo(ActivationKind.SWISH);
    assertThatThrownBy(() -> json.readValue("{\"id\":\"mish\"}", ActivationSpec.class))
        .hasRootCauseMessage("activation is unknown: 'mish'; expected " + ActivationKind.choices());
    assertThat(Arrays.stream(ActivationKind.values()).map(ActivationKind::id))
        .doesNotHaveDuplicates();
  }
}
