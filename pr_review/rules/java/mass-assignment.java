import org.springframework.web.bind.annotation.*;

@RestController
public class AccountController {
    private AccountRepository accounts;

    @PutMapping("/accounts/{id}")
    public Account update(@PathVariable long id, @RequestBody Account account) {
        account.setId(id);
        // ruleid: pr-review.java.mass-assignment
        return accounts.save(account);
    }

    @PostMapping("/accounts")
    public Account create(@Valid @RequestBody Account account) {
        // ruleid: pr-review.java.mass-assignment
        return accounts.save(account);
    }

    @PatchMapping("/accounts/{id}")
    public Account patch(@PathVariable long id, @RequestBody AccountUpdate body) {
        Account account = accounts.findById(id).orElseThrow();
        account.setDisplayName(body.displayName());
        // ok: pr-review.java.mass-assignment
        return accounts.save(account);
    }

    @PostMapping("/accounts/import")
    public Account importOne(@RequestBody AccountDto dto) {
        // ok: pr-review.java.mass-assignment
        return accounts.save(dto.toEntity());
    }
}

@Controller
class AccountSettingsController {
    private final UserRepository users;

    AccountSettingsController(UserRepository users) {
        this.users = users;
    }

    @InitBinder
    void initBinder(WebDataBinder binder) {
        binder.setAllowedFields("displayName", "email");
    }

    @PostMapping("/account")
    public String update(@ModelAttribute User user) {
        // ok: pr-review.java.mass-assignment
        users.save(user);
        return "redirect:/account";
    }
}

@Controller
class ProfileController {
    private final UserRepository users;

    ProfileController(UserRepository users) {
        this.users = users;
    }

    @PostMapping("/profile")
    public String update(@Valid @ModelAttribute("user") User user) {
        // ruleid: pr-review.java.mass-assignment
        users.save(user);
        return "redirect:/profile";
    }
}
