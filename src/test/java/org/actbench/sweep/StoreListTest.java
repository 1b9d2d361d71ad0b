package org.actbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer's file being filled beside its place is never listed (a reader would see it empty). */
class StoreListTest {
  @TempDir Path tmp;

  @Test
  void listingsLeaveOutWritersTemporaryFiles() throws Exception {
    for (Store store :
        new Store[] {Store.open(tmp.toString()), Store.open(tmp.toUri().toString())}) {
      store.write("attempts/run/a.json", "{}");
      Files.writeString(tmp.resolve("attempts/run/" + Store.TEMPORARY + "123-b.json"), "");
      assertThat(store.list("attempts/run"))
          .as(store.getClass().getSimpleName())
          .containsExactly("a.json");
    }
  }
}
