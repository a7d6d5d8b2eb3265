package dev.ticketing.support.web;

import java.beans.PropertyEditorSupport;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Path variables, query parameters and headers that are whole numbers are read as strictly as JSON bodies (docs/
 * conventions.md, strict JSON): ASCII digits with an optional minus, nothing else. Spring's default number editor
 * trims {@code " 1"} to 1 and, through {@code Long.decode}, reads full-width {@code "１"} as 1 and {@code "0x10"} as
 * 16; here each is a 400. An editor rather than a converter, because the binder falls back to its default editors
 * when a converter refuses.
 */
@ControllerAdvice
public class StrictNumberBinding {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

    @InitBinder
    void strictNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(Long.class, new StrictEditor(Long::valueOf, true));
        binder.registerCustomEditor(long.class, new StrictEditor(Long::valueOf, false));
        binder.registerCustomEditor(Integer.class, new StrictEditor(value -> Math.toIntExact(value), true));
        binder.registerCustomEditor(int.class, new StrictEditor(value -> Math.toIntExact(value), false));
    }

    static long parse(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("Not a whole number in ASCII digits");
        }
        return Long.parseLong(text);
    }

    private static final class StrictEditor extends PropertyEditorSupport {

        private final LongFunction<Object> box;
        private final boolean nullable;

        StrictEditor(LongFunction<Object> box, boolean nullable) {
            this.box = box;
            this.nullable = nullable;
        }

        @Override
        public void setAsText(String text) {
            if ((text == null || text.isEmpty()) && nullable) {
                setValue(null);
                return;
            }
            if (text == null) {
                throw new IllegalArgumentException("A number is required");
            }
            try {
                setValue(box.apply(parse(text)));
            } catch (ArithmeticException outOfRange) {
                throw new IllegalArgumentException("Out of range", outOfRange);
            }
        }
    }
}
