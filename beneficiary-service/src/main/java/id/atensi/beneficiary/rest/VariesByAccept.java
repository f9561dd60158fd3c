package id.atensi.beneficiary.rest;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

/**
 * Marks an operation whose answer depends on Accept: every answer, its 406 and 400 problems too, says so, so that a
 * cache never hands one caller's page or refusal to another who asked for something else (RFC 9110, 12.5.5).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface VariesByAccept {

    @Provider
    @VariesByAccept
    class Filter implements ContainerResponseFilter {

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            String vary = response.getHeaderString(HttpHeaders.VARY);
            if (vary == null || vary.isBlank()) {
                response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.ACCEPT);
            } else if (Arrays.stream(vary.split(",")).map(String::strip).noneMatch(name -> name.equalsIgnoreCase(HttpHeaders.ACCEPT) || name.equals("*"))) {
                response.getHeaders().putSingle(HttpHeaders.VARY, vary + ", " + HttpHeaders.ACCEPT);
            }
        }
    }
}
