package mr.bacmr.ingestion.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageDetectorTest {

    private static final LanguageDetector DETECTOR = new LanguageDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "Le professeur explique la leçon aux élèves.",
        "Où se trouve la bibliothèque du lycée ?",
        "Les candidats au baccalauréat révisent leurs cours.",
        "PREMIERE PARTIE: Module 1: LE DISCOURS EXPLICATIF",
    })
    void french(String text) {
        assertEquals("fr", DETECTOR.detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The teacher explains the lesson to the students.",
        "Where is the school library?",
        "Students prepare for the national exam in June.",
    })
    void english(String text) {
        assertEquals("en", DETECTOR.detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ذهب الطالب إلى المدرسة صباحا.",
        "تتأسس المواطنة على مقومات أبرزها المساواة.",
        "ما هي عاصمة موريتانيا؟",
    })
    void modernStandardArabic(String text) {
        assertEquals("ar", DETECTOR.detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "شنهو اسمك؟", // Hassaniya: what is your name?
        "آن ماشي للسوق ذرك", // Hassaniya: I am going to the market now
        "ألا ينكم ماشيين للمدرسة؟", // Hassaniya: are you going to school?
    })
    void hassaniyaIsArabic(String text) {
        assertEquals("ar", DETECTOR.detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "123 456 -- !!", "2023/10/20 : 15,5 %", "…", "كيف", "Bonjour", "Module 1"})
    void tooShortOrNoLettersIsOther(String text) {
        assertEquals("other", DETECTOR.detect(text));
    }
}
