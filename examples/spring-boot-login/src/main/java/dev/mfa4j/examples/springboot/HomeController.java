package dev.mfa4j.examples.springboot;

import dev.mfa4j.spring.security.MfaFactor;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The page behind the login: who you are and which factors you passed. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Authentication authentication, Model model) {
        List<String> factors = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("FACTOR_")).sorted().toList();
        model.addAttribute("name", authentication.getName());
        model.addAttribute("factors", factors);
        model.addAttribute("verifiedAt", MfaFactor.verifiedAt(authentication).map(Object::toString).orElse("not needed"));
        model.addAttribute("admin", authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority())));
        return "home";
    }
}
