package org.signpost.bot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Signpost: a Teams bot that signposts support and runs anonymous staff surveys. */
@SpringBootApplication
public class SignpostApplication {

    public static void main(String[] args) {
        SpringApplication.run(SignpostApplication.class, args);
    }
}
