package org.actbench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.engine.InvalidField;
import org.actbench.experiment.TrainSpec;

/**
 * A sweep expanded: every combination of the axes' values over the base spec, less the exclusions,
 * each a {@link SweepRun} with its spec and a run id that depends only on the sweep's name and the
 * spec, so that every engine, every retry and every re-run finds the same folder in the store.
 */
public record Sweep(String name, int checkpointEvery, List<SweepRun> runs) {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT); // a seed of 1.5 is not seed 1

  /** The tag every run of the sweep carries in its meta.json. */
  public String tag() {
    return "sweep:" + name;
  }

  /**
   * Expands and checks a sweep file: field names, values (as {@code train} checks them), the
   * network each spec builds, exclusions that match nothing, and the same run twice.
   */
  public static Sweep plan(SweepFile file) {
    ObjectNode defaults = MAPPER.valueToTree(TrainSpec.defaults());
    ObjectNode base = defaults.deepCopy();
    for (var it = file.base().fields(); it.hasNext(); ) {
      var e = it.next();
      String pointer = "/base/" + e.getKey();
      checkField(file, defaults, e.getKey(), pointer, "base." + e.getKey());
      merge(base, e.getKey(), e.getValue());
    }
    for (String axis : file.axes().keySet()) {
      checkField(file, defaults, axis, "/axes/" + axis, "axes." + axis);
    }
    checkExclusions(file);
    boolean evalGiven = file.base().has("evalEvery") || file.axes().containsKey("evalEvery");
    List<String> axes = new ArrayList<>(file.axes().keySet());
    List<SweepRun> runs = new ArrayList<>();
    Map<String, Map<String, Integer>> seen = new HashMap<>();
    int[] index = new int[axes.size()];
    int[] used = new int[file.exclude().size()];
    do {
      Map<String, JsonNode> point = new LinkedHashMap<>();
      for (int a = 0; a < axes.size(); a++) {
        point.put(axes.get(a), file.axes().get(axes.get(a)).get(index[a]));
      }
      int rule = excludedBy(file, point);
      if (rule >= 0) {
        used[rule]++;
        continue;
      }
      ObjectNode tree = base.deepCopy();
      for (var e : point.entrySet()) {
        setPath(tree, e.getKey(), e.getValue());
      }
      if (!evalGiven) { // as train does: evaluate five times a run
        tree.put("evalEvery", Math.max(1, tree.path("steps").asInt(1) / 5));
      }
      TrainSpec spec = toSpec(file, tree, axes, index);
      String json = canonical(spec);
      Map<String, Integer> where = new LinkedHashMap<>();
      for (int a = 0; a < axes.size(); a++) {
        where.put(axes.get(a), index[a]);
      }
      Map<String, Integer> twin = seen.putIfAbsent(json, where);
      if (twin != null) {
        String axis =
            axes.stream()
                .filter(x -> !twin.get(x).equals(where.get(x)))
                .findFirst()
                .orElse(axes.get(0));
        throw file.error(
            "/axes/" + axis + "/" + where.get(axis),
            "axes." + axis,
            "the value "
                + point.get(axis)
                + " gives the same run as "
                + file.axes().get(axis).get(twin.get(axis))
                + " ("
                + spec.shortName()
                + "): each run once");
      }
      Map<String, String> shown = new LinkedHashMap<>();
      point.forEach((k, v) -> shown.put(k, v.isTextual() ? v.asText() : v.toString()));
      runs.add(new SweepRun(runs.size(), id(file.name(), spec, json), shown, spec));
    } while (next(index, axes, file));
    for (int r = 0; r < used.length; r++) {
      if (used[r] == 0) {
        throw file.error(
            "/exclude/" + r,
            "exclude[" + r + "]",
            "excludes no run: no combination has " + file.exclude().get(r));
      }
    }
    if (runs.isEmpty()) {
      throw file.error("/exclude", "exclude", "every run is excluded");
    }
    int checkpointEvery = file.checkpointEvery();
    return new Sweep(file.name(), checkpointEvery, List.copyOf(runs));
  }

  /**
   * The spec as spec.json holds it, on one line (fields in the record's order): what the id hashes.
   */
  static String canonical(TrainSpec spec) {
    try {
      return MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Steps between checkpoints for this run: the file's, else about a tenth of the run in whole tens
   * (at least 10), which is where metrics.csv is flushed, so a checkpoint is published at once.
   */
  public int checkpointEvery(TrainSpec spec) {
    return checkpointEvery > 0 ? checkpointEvery : Math.max(10, (spec.steps() / 10 + 9) / 10 * 10);
  }

  /** {@code NAME-<short name>-<8 hex of the spec's hash>}: stable, readable, unique per spec. */
  static String id(String name, TrainSpec spec, String canonicalJson) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
      return name + "-" + spec.shortName() + "-" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean next(int[] index, List<String> axes, SweepFile file) {
    for (int a = axes.size() - 1; a >= 0; a--) {
      if (++index[a] < file.axes().get(axes.get(a)).size()) {
        return true;
      }
      index[a] = 0;
    }
    return false;
  }

  /** A spec field, dotted for nested ones ({@code metrics.probe.every}), as spec.json names it. */
  private static void checkField(
      SweepFile file, ObjectNode defaults, String field, String pointer, String shown) {
    JsonNode node = defaults;
    for (String part : field.split("\\.", -1)) {
      if (node == null || !node.isObject() || !node.has(part)) {
        List<String> names = new ArrayList<>();
        defaults.fieldNames().forEachRemaining(names::add);
        throw file.error(
            pointer, shown, "not a field of spec.json (" + String.join(", ", names) + ")");
      }
      node = node.get(part);
    }
  }

  /** Sets a field; objects merge into objects; an activation may be given by its id. */
  private static void merge(ObjectNode target, String field, JsonNode value) {
    JsonNode v =
        field.equals("activation") && value.isTextual()
            ? MAPPER.createObjectNode().put("id", value.asText())
            : value;
    JsonNode old = target.get(field);
    if (old != null && old.isObject() && v.isObject()) {
      v.fields().forEachRemaining(e -> merge((ObjectNode) old, e.getKey(), e.getValue()));
    } else {
      target.set(field, v);
    }
  }

  private static void setPath(ObjectNode tree, String dotted, JsonNode value) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (ObjectNode) node.get(parts[i]);
    }
    merge(node, parts[parts.length - 1], value);
  }

  private static void checkExclusions(SweepFile file) {
    for (int r = 0; r < file.exclude().size(); r++) {
      for (var e : file.exclude().get(r).entrySet()) {
        String pointer = "/exclude/" + r + "/" + e.getKey();
        List<JsonNode> values = file.axes().get(e.getKey());
        if (values == null) {
          throw file.error(
              pointer,
              "exclude[" + r + "]." + e.getKey(),
              "not an axis of this sweep (" + String.join(", ", file.axes().keySet()) + ")");
        }
        if (values.stream().noneMatch(v -> same(v, e.getValue()))) {
          throw file.error(
              pointer,
              "exclude[" + r + "]." + e.getKey(),
              e.getValue() + " is not one of the axis' values " + values);
        }
      }
    }
  }

  private static int excludedBy(SweepFile file, Map<String, JsonNode> point) {
    for (int r = 0; r < file.exclude().size(); r++) {
      if (file.exclude().get(r).entrySet().stream()
          .allMatch(e -> same(point.get(e.getKey()), e.getValue()))) {
        return r;
      }
    }
    return -1;
  }

  /** Equal as written, or the same number (1 and 1.0), or the same text ("3" and 3). */
  private static boolean same(JsonNode a, JsonNode b) {
    if (a.equals(b)) {
      return true;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.isValueNode() && b.isValueNode() && a.asText().equals(b.asText());
  }

  /** The spec, or an error at the axis value or base field it is about. */
  private static TrainSpec toSpec(SweepFile file, ObjectNode tree, List<String> axes, int[] index) {
    try {
      TrainSpec spec = MAPPER.treeToValue(tree, TrainSpec.class);
      spec.network(); // depth, width and the layers: checked now, not on a cluster an hour later
      return spec;
    } catch (JsonMappingException e) {
      StringBuilder field = new StringBuilder();
      for (JsonMappingException.Reference r : e.getPath()) {
        if (r.getFieldName() != null) {
          field.append(field.length() == 0 ? "" : ".").append(r.getFieldName());
        }
      }
      if (e.getCause() instanceof InvalidField invalid) { // a record's check names its field
        String path = field.length() == 0 ? invalid.field() : field + "." + invalid.field();
        throw blame(file, path, axes, index, invalid.getMessage());
      }
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String message =
          cause == e ? org.actbench.experiment.Json.plainMessage(e) : cause.getMessage();
      String guessed = field.length() > 0 ? field.toString() : named(message, tree);
      throw blame(file, guessed, axes, index, message);
    } catch (JsonProcessingException e) {
      throw file.error("/base", "base", e.getOriginalMessage());
    } catch (InvalidField e) {
      throw blame(file, e.field(), axes, index, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw blame(file, named(e.getMessage(), tree), axes, index, e.getMessage());
    }
  }

  /** The spec field a validation message starts with ("lr must be > 0"), or "". */
  private static String named(String message, ObjectNode tree) {
    String first = message == null ? "" : message.split("[ ,:']", 2)[0];
    return tree.has(first) ? first : "";
  }

  private static IllegalArgumentException blame(
      SweepFile file, String field, List<String> axes, int[] index, String message) {
    for (int a = 0; a < axes.size(); a++) {
      String axis = axes.get(a);
      if (!field.isEmpty()
          && (axis.equals(field) || axis.startsWith(field + ".") || field.startsWith(axis + "."))) {
        return file.error("/axes/" + axis + "/" + index[a], "axes." + axis, message);
      }
    }
    String top = field.isEmpty() ? "" : field.split("\\.")[0];
    if (!top.isEmpty() && file.base().has(top)) {
      return file.error("/base/" + top, "base." + top, message);
    }
    StringBuilder point = new StringBuilder();
    for (int a = 0; a < axes.size(); a++) {
      point
          .append(a == 0 ? "" : ", ")
          .append(axes.get(a))
          .append('=')
          .append(file.axes().get(axes.get(a)).get(index[a]));
    }
    return file.error("/base", field.isEmpty() ? "base" : field, message + " (for " + point + ")");
  }
}
