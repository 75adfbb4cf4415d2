import jakarta.el.ELProcessor;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class SlugValidator implements ConstraintValidator<ValidSlug, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.matches("[a-z0-9-]+")) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // ruleid: pr-review.java.el-injection
        context.buildConstraintViolationWithTemplate("invalid slug: " + value).addConstraintViolation();
        // ruleid: pr-review.java.el-injection
        context.buildConstraintViolationWithTemplate(value).addConstraintViolation();
        // ok: pr-review.java.el-injection
        context.buildConstraintViolationWithTemplate("{com.acme.InvalidSlug.message}").addConstraintViolation();
        // ok: pr-review.java.el-injection
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate()).addConstraintViolation();
        return false;
    }

    public Object eval(ELProcessor el, String expr) {
        // ruleid: pr-review.java.el-injection
        return el.eval(expr);
    }

    public Object fixed(ELProcessor el) {
        // ok: pr-review.java.el-injection
        return el.eval("1 + 1");
    }
}
