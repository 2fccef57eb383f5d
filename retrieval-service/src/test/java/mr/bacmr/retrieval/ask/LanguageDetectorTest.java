package mr.bacmr.retrieval.ask;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanguageDetectorTest {

    private final LanguageDetector detector = new ScriptNgramLanguageDetector();

    /** The local detector's verdict is there at once: nothing to wait for. */
    private Optional<String> detect(String text) {
        UniAssertSubscriber<Optional<String>> verdict = detector.detect(text)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        return verdict.assertCompleted().getItem();
    }

    @Test
    void tellsShortStudentQuestions() {
        assertEquals(Optional.of("fr"), detect("Qu'est-ce qu'une dérivée ?"));
        assertEquals(Optional.of("fr"), detect("QUELLE EST LA CAPITALE DE LA MAURITANIE"));
        assertEquals(Optional.of("en"), detect("What is the derivative of a function?"));
        assertEquals(Optional.of("ar"), detect("ما هي المشتقة؟"));
    }

    @Test
    void hassaniyaIsArabic() {
        assertEquals(Optional.of("ar"), detect("شنهو معنى الدالة الأسية؟"));
        assertEquals(Optional.of("ar"), detect("كيفاش نحسب"));
    }

    @Test
    void arabicScriptWinsOverLatinFormulae() {
        assertEquals(Optional.of("ar"), detect("احسب مشتقة f(x) = x² + 3x"));
    }

    @Test
    void doesNotGuessOnTooLittleText() {
        assertEquals(Optional.empty(), detect("x²?"));
        assertEquals(Optional.empty(), detect("   "));
        assertEquals(Optional.empty(), detect(null));
    }
}
