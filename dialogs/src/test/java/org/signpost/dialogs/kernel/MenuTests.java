package org.signpost.dialogs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.builder.TurnContextImpl;
import com.microsoft.bot.builder.adapters.TestAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.signpost.dialogs.content.ContentFolder;
import org.signpost.dialogs.content.Messages;
import org.signpost.dialogs.content.Wording;

/** The menu offers what this person may use now, in their language; a menu built once is the same card again. */
class MenuTests {

    private static final Wording WORDING = ReplyTests.WORDING;
    private static final Roles HR_FOR_ONE = id -> id.equals("29:hr") ? Set.of(Role.HR) : Set.of();

    private final AtomicBoolean surveyOpen = new AtomicBoolean(true);
    private final Menu menu = new Menu(List.of(item("support", Set.of(), null), item("results", Set.of(Role.HR), null),
            item("survey", Set.of(), surveyOpen), item("privacy", Set.of(), null)));

    @Test
    void eachPersonSeesWhatTheyMayUseNowInTheirWording() {
        assertThat(titles(menu.render(turn("29:staff", WORDING)))).containsExactly(WORDING.text("menu.support"),
                WORDING.text("menu.survey"), WORDING.text("menu.privacy"));
        assertThat(titles(menu.render(turn("29:hr", WORDING)))).containsExactly(WORDING.text("menu.support"),
                WORDING.text("menu.results"), WORDING.text("menu.survey"), WORDING.text("menu.privacy"));
        surveyOpen.set(false);
        assertThat(titles(menu.render(turn("29:hr", WORDING)))).containsExactly(WORDING.text("menu.support"),
                WORDING.text("menu.results"), WORDING.text("menu.privacy"));
        assertThat(titles(menu.render(turn("29:staff", WORDING)))).containsExactly(WORDING.text("menu.support"),
                WORDING.text("menu.privacy"));

        Card staff = menu.render(turn("29:staff", WORDING));
        assertThat(staff.body()).containsExactly(new Card.Paragraph(WORDING.text("menu.title")),
                new Card.TypingHint(WORDING.text("menu.plainTextHint")));
        assertThat(staff.actions()).first().isEqualTo(new Card.Submit(WORDING.text("menu.support"),
                Map.of(CardKeys.ACTION, "support"), true, WORDING.text("menu.support.keyword")));
        // only wording: its Adaptive Card is rendered once and kept
        assertThat(staff.sameForEveryone()).isTrue();
        assertThat(AdaptiveCardRenderer.json(menu.render(turn("29:someone-else", WORDING))))
                .isSameAs(AdaptiveCardRenderer.json(staff));
    }

    @Test
    void theSameOfferInTheSameWordingIsTheCardBuiltBefore() {
        Card first = menu.render(turn("29:staff", WORDING));

        assertThat(menu.render(turn("29:someone-else", WORDING))).isSameAs(first);
        assertThat(menu.render(turn("29:hr", WORDING))).isNotSameAs(first);
        Wording reloaded = new Messages(ContentFolder.shipped()).wording("en-GB");
        assertThat(menu.render(turn("29:staff", reloaded))).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void manyWordingsKeepAtMostTheBound() {
        for (int i = 0; i < Menu.KEPT_MENUS + 5; i++) {
            Wording wording = new Messages(ContentFolder.shipped()).wording("en-GB");
            Card card = menu.render(turn("29:staff", wording));
            assertThat(menu.render(turn("29:staff", wording))).isSameAs(card);
            assertThat(menu.kept()).isLessThanOrEqualTo(Menu.KEPT_MENUS);
        }
    }

    private static List<String> titles(Card card) {
        return card.actions().stream().map(action -> ((Card.Submit) action).title()).toList();
    }

    private static Capability item(String id, Set<Role> roles, AtomicBoolean open) {
        return new Capability() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean onMenu() {
                return true;
            }

            @Override
            public boolean onMenu(Turn turn) {
                return open == null || open.get();
            }

            @Override
            public Set<Role> roles() {
                return roles;
            }

            @Override
            public CompletableFuture<Void> handle(Turn turn) {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    private static Turn turn(String person, Wording wording) {
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setChannelId("msteams");
        activity.setConversation(new ConversationAccount("a:menu-tests"));
        activity.setFrom(new ChannelAccount(person, "Someone"));
        activity.setRecipient(new ChannelAccount("bot", "Signpost"));
        return Turn.of(new TurnContextImpl(new TestAdapter(), activity), wording, null, Senders.trial(), HR_FOR_ONE);
    }
}
