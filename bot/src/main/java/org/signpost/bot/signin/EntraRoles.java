package org.signpost.bot.signin;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Roles of a person signed in with Entra ID, from the ID token's {@code groups} (group object ids) and
 * {@code roles} (app-role values) claims, as configuration maps them; nothing else grants a role.
 */
final class EntraRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final Map<String, List<String>> roles;

    EntraRoles(Map<String, List<String>> roles) {
        this.roles = Map.copyOf(roles);
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Set<String> held = new HashSet<>();
        held.addAll(strings(user.getIdToken().getClaims().get("groups")));
        held.addAll(strings(user.getIdToken().getClaims().get("roles")));
        Set<GrantedAuthority> authorities = new HashSet<>();
        roles.forEach((role, grantedBy) -> {
            if (grantedBy.stream().anyMatch(held::contains)) {
                authorities.add(new SimpleGrantedAuthority(Role.named(role).authority()));
            }
        });
        String name = user.getIdToken().getClaims().containsKey("preferred_username") ? "preferred_username" : "sub";
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), name);
    }

    private static Collection<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
