package mr.bacmr.retrieval.ask;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanguageDetectorTest {

    private final LanguageDetector detector = new ScriptNgramLanguageDetector();

    @Test
    void tellsShortStudentQuestions() {
        assertEquals(Optional.of("fr"), detector.detect("Qu'est-ce qu'une dérivée ?"));
        assertEquals(Optional.of("fr"), detector.detect("QUELLE EST LA CAPITALE DE LA MAURITANIE"));
        assertEquals(Optional.of("en"), detector.detect("What is the derivative of a function?"));
        assertEquals(Optional.of("ar"), detector.detect("ما هي المشتقة؟"));
    }

    @Test
    void hassaniyaIsArabic() {
        assertEquals(Optional.of("ar"), detector.detect("شنهو معنى الدالة الأسية؟"));
        assertEquals(Optional.of("ar"), detector.detect("كيفاش نحسب"));
    }

    @Test
    void arabicScriptWinsOverLatinFormulae() {
        assertEquals(Optional.of("ar"), detector.detect("احسب مشتقة f(x) = x² + 3x"));
    }

    @Test
    void doesNotGuessOnTooLittleText() {
        assertEquals(Optional.empty(), detector.detect("x²?"));
        assertEquals(Optional.empty(), detector.detect("   "));
        assertEquals(Optional.empty(), detector.detect(null));
    }
}
