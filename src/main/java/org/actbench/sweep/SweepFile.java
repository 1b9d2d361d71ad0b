package org.actbench.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file as written: a name, a base spec (the fields of {@code spec.json}; the rest from
 * {@code train}'s defaults), axes (a spec field and its values) and optional exclusions. YAML
 * ({@code .yaml}, {@code .yml}) or JSON. For example
 *
 * <pre>
 * {"name": "small",
 *  "base": {"family": "plain", "depth": 3, "width": 16, "data": "sample", "steps": 15},
 *  "axes": {"activation": ["elu", "relu"], "seed": [1, 2]}}
 * </pre>
 *
 * <p>Every problem is an {@link IllegalArgumentException} that names the file, the line and the
 * field; {@link Sweep#plan} does the rest of the checking.
 *
 * @param base the base spec's fields, as written
 * @param axes each axis (a spec field; nested ones dotted, e.g. {@code metrics.logEvery}) and its
 *     values, in the file's order
 * @param exclude combinations left out: each maps some axes to one value each
 * @param checkpointEvery steps between checkpoints, the unit of resuming (0: a tenth of the run)
 */
public record SweepFile(
    Path file,
    String name,
    ObjectNode base,
    Map<String, List<JsonNode>> axes,
    List<Map<String, JsonNode>> exclude,
    int checkpointEvery,
    Lines lines) {

  private static final Set<String> TOP =
      Set.of("name", "base", "axes", "exclude", "checkpointEvery");

  /** Where each value stood in the file: JSON pointer (e.g. {@code /axes/seed/1}) to line. */
  public record Lines(Map<String, Integer> byPointer) {
    /** The line of the pointer, or of its nearest enclosing value. */
    int of(String pointer) {
      for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
        Integer line = byPointer.get(p);
        if (line != null) {
          return line;
        }
        if (p.isEmpty()) {
          return 1;
        }
      }
    }
  }

  /** An error at the value {@code pointer} points to, naming {@code field}. */
  IllegalArgumentException error(String pointer, String field, String message) {
    return at(file, lines.of(pointer), field, message);
  }

  static IllegalArgumentException at(Path file, int line, String field, String message) {
    return new IllegalArgumentException(
        file
            + " line "
            + line
            + (field.isEmpty() ? "" : ", field '" + field + "'")
            + ": "
            + message);
  }

  /** Reads and checks the file's shape (names, types); values are checked by {@link Sweep#plan}. */
  public static SweepFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such sweep file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it: " + e.getMessage());
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    JsonFactory factory =
        lower.endsWith(".yaml") || lower.endsWith(".yml") ? new YAMLFactory() : new JsonFactory();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    ObjectMapper mapper = new ObjectMapper(factory);
    Lines lines;
    JsonNode root;
    try {
      lines = locate(factory, text);
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw at(file, line, "", e.getOriginalMessage().lines().findFirst().orElse("not valid"));
    } catch (IOException e) {
      throw at(file, 1, "", e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw at(file, 1, "", "expected an object with name, base and axes");
    }
    return parse(file, (ObjectNode) root, lines);
  }

  /** One streaming pass that notes the line of every value by its JSON pointer. */
  private static Lines locate(JsonFactory factory, String text) throws IOException {
    Map<String, Integer> byPointer = new HashMap<>();
    try (JsonParser p = factory.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          continue;
        }
        // a container's pointer is its parent's current path; a scalar's is its own context's
        String pointer =
            (t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext())
                .pathAsPointer()
                .toString();
        byPointer.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
      }
    }
    return new Lines(byPointer);
  }

  private static SweepFile parse(Path file, ObjectNode root, Lines lines) {
    SweepFile shape = new SweepFile(file, "", null, Map.of(), List.of(), 0, lines);
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP.contains(f)) {
        throw shape.error(
            "/" + f,
            f,
            "unknown field; a sweep file has name, base, axes, exclude and" + " checkpointEvery");
      }
    }
    JsonNode nameNode = root.get("name");
    if (nameNode == null
        || !nameNode.isTextual()
        || !nameNode.asText().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw shape.error(
          "/name",
          "name",
          "a sweep needs a name of letters, digits, '.', '_' and '-'"
              + " (it names the runs and tags them), got "
              + (nameNode == null ? "none" : nameNode));
    }
    JsonNode base = root.get("base");
    if (base != null && !base.isObject()) {
      throw shape.error(
          "/base", "base", "expected an object of spec fields, got " + base.getNodeType());
    }
    JsonNode axesNode = root.get("axes");
    if (axesNode == null || !axesNode.isObject() || axesNode.isEmpty()) {
      throw shape.error(
          "/axes",
          "axes",
          "expected an object of at least one spec field and its values,"
              + " e.g. {\"seed\": [1, 2]}");
    }
    Map<String, List<JsonNode>> axes = new LinkedHashMap<>();
    for (var it = axesNode.fields(); it.hasNext(); ) {
      var e = it.next();
      String pointer = "/axes/" + e.getKey();
      if (!e.getValue().isArray() || e.getValue().isEmpty()) {
        throw shape.error(pointer, "axes." + e.getKey(), "expected a non-empty list of values");
      }
      List<JsonNode> values = new ArrayList<>();
      e.getValue().forEach(values::add);
      axes.put(e.getKey(), values);
    }
    List<Map<String, JsonNode>> exclude = new ArrayList<>();
    JsonNode ex = root.get("exclude");
    if (ex != null) {
      if (!ex.isArray()) {
        throw shape.error("/exclude", "exclude", "expected a list of {axis: value} objects");
      }
      for (int i = 0; i < ex.size(); i++) {
        JsonNode rule = ex.get(i);
        if (!rule.isObject() || rule.isEmpty()) {
          throw shape.error(
              "/exclude/" + i,
              "exclude[" + i + "]",
              "expected an object such as" + " {\"activation\": \"relu\", \"depth\": 8}");
        }
        Map<String, JsonNode> r = new LinkedHashMap<>();
        rule.fields().forEachRemaining(f -> r.put(f.getKey(), f.getValue()));
        exclude.add(r);
      }
    }
    int checkpointEvery = 0;
    JsonNode ce = root.get("checkpointEvery");
    if (ce != null) {
      if (!ce.canConvertToInt() || !ce.isIntegralNumber() || ce.asInt() < 1) {
        throw shape.error(
            "/checkpointEvery",
            "checkpointEvery",
            "expected a whole number of steps >= 1," + " got " + ce);
      }
      checkpointEvery = ce.asInt();
    }
    ObjectNode baseObject = base == null ? root.objectNode() : (ObjectNode) base;
    return new SweepFile(
        file, nameNode.asText(), baseObject, axes, exclude, checkpointEvery, lines);
  }
}
