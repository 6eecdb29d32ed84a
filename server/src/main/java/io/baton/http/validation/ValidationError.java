package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

public record ValidationError(String type, List<Object> loc, String msg, JsonNode input, JsonNode ctx) {}
