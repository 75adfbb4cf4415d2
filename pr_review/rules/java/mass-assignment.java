import org.springframework.web.bind.annotation.*;

@RestController
public class AccountController {
    private AccountRepository accounts;

    // ruleid: pr-review.java.mass-assignment
    @PutMapping("/accounts/{id}")
    public Account update(@PathVariable long id, @RequestBody Account account) {
        account.setId(id);
        return accounts.save(account);
    }

    // ruleid: pr-review.java.mass-assignment
    @PostMapping("/accounts")
    public Account create(@Valid @RequestBody Account account) {
        return accounts.save(account);
    }

    // ok: pr-review.java.mass-assignment
    @PatchMapping("/accounts/{id}")
    public Account patch(@PathVariable long id, @RequestBody AccountUpdate body) {
        Account account = accounts.findById(id).orElseThrow();
        account.setDisplayName(body.displayName());
        return accounts.save(account);
    }

    // ok: pr-review.java.mass-assignment
    @PostMapping("/accounts/import")
    public Account importOne(@RequestBody AccountDto dto) {
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

    // ok: pr-review.java.mass-assignment
    @PostMapping("/account")
    public String update(@ModelAttribute User user) {
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

    // ruleid: pr-review.java.mass-assignment
    @PostMapping("/profile")
    public String update(@Valid @ModelAttribute("user") User user) {
        users.save(user);
        return "redirect:/profile";
    }
}

@RestController
@RequestMapping("/api/members")
class MemberController {
    private final MemberRepository members;

    MemberController(MemberRepository members) {
        this.members = members;
    }

    // ruleid: pr-review.java.mass-assignment
    @PutMapping("/{id}")
    ResponseEntity<Member> replace(@PathVariable Long id, @Valid @RequestBody Member member) {
        if (!members.existsById(id)) {
            return ResponseEntity.notFound().build();
        }
        member.setId(id);
        Member saved = members.saveAndFlush(member);
        return ResponseEntity.ok(saved);
    }

    // ok: pr-review.java.mass-assignment
    @PatchMapping("/{id}")
    ResponseEntity<Member> rename(@PathVariable Long id, @Valid @RequestBody MemberRename body) {
        Member member = members.findById(id).orElseThrow();
        member.setDisplayName(body.displayName());
        return ResponseEntity.ok(members.save(member));
    }
}
