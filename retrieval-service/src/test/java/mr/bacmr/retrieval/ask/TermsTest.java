package mr.bacmr.retrieval.ask;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TermsTest {

    @Test
    void foldsCaseAndAccentsAndDropsFunctionWords() {
        assertEquals(List.of("derive", "foncti"), List.copyOf(Terms.of("Qu'est-ce que la DÉRIVÉE d'une fonction ?")));
    }

    @Test
    void stemsSoThatPluralsAndConjugationsMeet() {
        assertEquals(Terms.of("la dérivée"), Terms.of("les dérivées"));
        assertEquals(Terms.of("Photosynthese"), Terms.of("photosynthèse"));
    }

    @Test
    void foldsArabicVariantsDiacriticsTatweelAndTheArticle() {
        Set<String> plain = Terms.of("المعادلة");
        assertEquals(plain, Terms.of("المُعَادَلَة"), "harakat");
        assertEquals(plain, Terms.of("المعـــادلة"), "tatweel");
        assertEquals(plain, Terms.of("معادله"), "teh marbuta, no article");
        assertEquals(Terms.of("احمد"), Terms.of("أحمد"), "alef with hamza");
        assertEquals(List.of("عاصمه", "موريتا"), List.copyOf(Terms.of("ما هي عاصمة موريتانيا")));
    }

    @Test
    void keepsNumbersAndIgnoresPunctuation() {
        assertEquals(List.of("1960", "indepe"), List.copyOf(Terms.of("En 1960, l'indépendance !")));
        assertTrue(Terms.of("?!.,").isEmpty());
        assertTrue(Terms.of(null).isEmpty());
    }
}
