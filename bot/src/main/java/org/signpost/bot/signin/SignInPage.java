package org.signpost.bot.signin;

import org.signpost.dialogs.content.Messages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page: the local account's form and/or "Sign in with Microsoft", as configured. */
@Controller
final class SignInPage {

    private final Messages messages;
    private final SignInSettings settings;

    SignInPage(Messages messages, SignInSettings settings) {
        this.messages = messages;
        this.settings = settings;
    }

    @GetMapping("/hr/sign-in")
    String signIn(Model model) {
        model.addAttribute("w", messages.wording("en-GB"));
        model.addAttribute("local", settings.localEnabled());
        model.addAttribute("entra", settings.entra().enabled());
        return "hr/sign-in";
    }
}
