package dev.mfa4j.examples.springboot;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.core.MfaConfigurations;
import dev.mfa4j.core.MfaPrincipals;
import dev.mfa4j.core.MfaService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin area: what the {@code mfa} command line does, in a browser. Every call names the
 * signed-in user as the caller, so the {@code ManagementAuthorizer} decides; mfa4j's messages
 * never repeat a secret, so they are shown as they are.
 */
@Controller
@RequestMapping("/admin")
class AdminController {

    private final MfaService mfa;

    AdminController(MfaService mfa) {
        this.mfa = mfa;
    }

    private MfaConfigurations configurations(Authentication user) {
        return mfa.configurations(Caller.of(user.getName()));
    }

    private MfaPrincipals principals(Authentication user) {
        return mfa.principals(Caller.of(user.getName()));
    }

    @GetMapping
    String admin(Authentication user, Model model) {
        model.addAttribute("configurations", configurations(user).list());
        model.addAttribute("configurationsJson", configurations(user).json().list());
        model.addAttribute("assignments", principals(user).list());
        model.addAttribute("providerTypes", mfa.providerTypes());
        return "admin";
    }

    /** {@code mfa create -f config.json} */
    @PostMapping("/configurations")
    String create(Authentication user, @RequestParam("json") String json, RedirectAttributes flash) {
        return act(flash, () -> "Created " + configurations(user).json().create(json).name() + ".");
    }

    /** {@code mfa update -f config.json -n NAME}: an omitted secret keeps its value. */
    @PostMapping("/configurations/update")
    String update(Authentication user, @RequestParam("name") String name, @RequestParam("json") String json, RedirectAttributes flash) {
        return act(flash, () -> "Updated " + configurations(user).json().update(name, json).name() + ".");
    }

    /** {@code mfa delete -n NAME [--force]} */
    @PostMapping("/configurations/delete")
    String delete(Authentication user, @RequestParam("name") String name, @RequestParam(name = "force", defaultValue = "false") boolean force,
            RedirectAttributes flash) {
        return act(flash, () -> {
            long removed = configurations(user).delete(name, force);
            return "Deleted " + name + (removed > 0 ? ", and " + removed + " assignment(s) with it." : ".");
        });
    }

    /** {@code mfa assign-principal -p PRINCIPAL -m DUO_ID -c CONFIG} */
    @PostMapping("/principals")
    String assign(Authentication user, @RequestParam("principal") String principal, @RequestParam("providerUserId") String providerUserId,
            @RequestParam("configuration") String configuration, RedirectAttributes flash) {
        return act(flash, () -> {
            MfaAssignment assigned = principals(user).assign(
                    MfaAssignment.of(principalOf(principal)).configuration(configuration).providerUserId(providerUserId));
            return "Assigned " + assigned.principal() + " to " + assigned.configurationName() + ".";
        });
    }

    /** {@code mfa remove-principal -p PRINCIPAL} */
    @PostMapping("/principals/remove")
    String remove(Authentication user, @RequestParam("principal") String principal, RedirectAttributes flash) {
        return act(flash, () -> {
            PrincipalId id = principalOf(principal);
            return principals(user).remove(id) ? "Removed the MFA of " + id + "." : id + " had no MFA.";
        });
    }

    /** A bare user name means {@code principal/internal/user/<name>}, as on the command line. */
    private static PrincipalId principalOf(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith("principal/") ? PrincipalId.parse(trimmed) : PrincipalId.user("internal", trimmed);
    }

    private interface Action {
        String run();
    }

    private static String act(RedirectAttributes flash, Action action) {
        try {
            flash.addFlashAttribute("done", action.run());
        } catch (MfaException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin";
    }
}
