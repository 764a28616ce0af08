package org.signpost.dialogs.survey;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.survey.SurveyDefinition.Option;
import org.signpost.dialogs.survey.SurveyDefinition.Question;
import org.signpost.dialogs.survey.SurveyDefinition.Type;

/** Surveys are data: {@code surveys/<id>.yaml}, shipped or from the organisation's content folder. */
public final class SurveyCatalog {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ContentFolder content;

    public SurveyCatalog(ContentFolder content) {
        this.content = content;
    }

    /** The ids of the surveys there are files for, shipped or in the content folder. */
    public List<String> ids() {
        return content.list("surveys").stream().filter(name -> name.endsWith(".yaml"))
                .map(name -> name.substring(0, name.length() - ".yaml".length())).toList();
    }

    public SurveyDefinition load(String surveyId) {
        String file = "surveys/" + surveyId + ".yaml";
        byte[] yaml = content.read(file).orElseThrow(() -> new IllegalArgumentException("No survey file " + file));
        try {
            SurveyDefinition survey = YAML.readValue(yaml, SurveyFile.class).definition();
            if (!survey.id().equals(surveyId)) {
                throw new IllegalArgumentException(file + " defines survey " + survey.id() + ", not " + surveyId);
            }
            return survey;
        } catch (IOException | RuntimeException e) {
            // the message quotes only the survey file, never anything a person typed
            throw new IllegalArgumentException("Survey file " + file + " is not valid: " + e.getMessage(), e);
        }
    }

    record SurveyFile(String id, Map<String, String> title, List<QuestionFile> questions) {
        SurveyDefinition definition() {
            return new SurveyDefinition(id, title, questions.stream().map(QuestionFile::question).toList());
        }
    }

    record QuestionFile(String id, Type type, boolean optional, @JsonProperty("preferNotToSay") boolean preferNotToSay,
            Map<String, String> text, List<Option> options) {
        Question question() {
            return new Question(id, type, optional, preferNotToSay, text, options == null ? List.of() : options);
        }
    }
}
