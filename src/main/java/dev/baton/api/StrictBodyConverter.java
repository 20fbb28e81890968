package dev.baton.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Reads the bodies Baton's API accepts, and only those, with a mapper that takes nothing on trust:
 * a number where text belongs, {@code 1.5} for a count, {@code 30} for a duration, a field Baton
 * does not know, a key given twice or anything after the JSON value is an error naming the field,
 * never a guess that starts a run. The application's shared mapper (used by the engine client and
 * the Actuator) keeps its lenient defaults.
 */
final class StrictBodyConverter extends MappingJackson2HttpMessageConverter {
  private static final Set<Type> BODIES = Set.of(StartRunBody.class);

  StrictBodyConverter(ObjectMapper shared) {
    super(strict(shared));
  }

  static ObjectMapper strict(ObjectMapper shared) {
    ObjectMapper mapper = shared.copy();
    mapper.enable(
        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.disable(
        DeserializationFeature.ACCEPT_FLOAT_AS_INT,
        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // scalars only from their own JSON type: no "2" for 2, no 1.5 for 1, no 5 for "5"
    for (LogicalType type : LogicalType.values()) {
      var coercion = mapper.coercionConfigFor(type);
      for (CoercionInputShape shape :
          new CoercionInputShape[] {
            CoercionInputShape.Integer,
            CoercionInputShape.Float,
            CoercionInputShape.Boolean,
            CoercionInputShape.String,
            CoercionInputShape.EmptyString
          }) {
        if (!natural(type, shape)) {
          coercion.setCoercion(shape, CoercionAction.Fail);
        }
      }
    }
    mapper.registerModule(
        new SimpleModule("baton-strict").addDeserializer(Duration.class, new TextDuration()));
    return mapper;
  }

  /** The input shapes a JSON type reads without conversion. */
  private static boolean natural(LogicalType type, CoercionInputShape shape) {
    return switch (type) {
      case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
      case Integer -> shape == CoercionInputShape.Integer;
      case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
      case Boolean -> shape == CoercionInputShape.Boolean;
      // enums, dates and other types read from a string by their own rules
      case Enum, DateTime, OtherScalar -> shape == CoercionInputShape.String;
      default -> false;
    };
  }

  @Override
  public boolean canRead(Class<?> clazz, MediaType mediaType) {
    return BODIES.contains(clazz) && super.canRead(clazz, mediaType);
  }

  @Override
  public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
    return BODIES.contains(type) && super.canRead(type, contextClass, mediaType);
  }

  @Override
  public boolean canWrite(Class<?> clazz, MediaType mediaType) {
    return false;
  }

  @Override
  public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
    return false;
  }

  /**
   * A duration only as text, ISO-8601 ({@code PT30S}) or the short form the command line takes
   * ({@code 30s}): a bare number has no unit a person can be sure of.
   */
  static final class TextDuration extends StdScalarDeserializer<Duration> {
    TextDuration() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
      }
      String text = p.getText().strip();
      try {
        return DurationStyle.detectAndParse(text);
      } catch (IllegalArgumentException e) {
        return (Duration)
            ctxt.handleWeirdStringValue(
                Duration.class, text, "is not a duration like \"PT30S\" or \"30s\"");
      }
    }
  }
}
