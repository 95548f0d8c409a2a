"""API sign-in: exchange an e-mail address and a password for a token, or revoke it."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.errors import ErrorSerializer
from config.api.parsers import API_PARSER_CLASSES

from . import two_factor
from .tokens import revoke_api_tokens


class TokenRequestSerializer(serializers.Serializer):
    """The credentials of a platform account (the e-mail address is case-insensitive)."""

    email = serializers.EmailField(label=_("E-mail address"))
    password = serializers.CharField(
        label=_("Password"), trim_whitespace=False, style={"input_type": "password"}
    )
    otp_token = serializers.CharField(
        label=_("Two-factor code"),
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_("Accounts with two-factor authentication: the code of the authenticator app."),
    )

    def validate(self, attrs: dict) -> dict:
        request = self.context.get("request")
        # django-axes counts failures on Django's request (DRF's wraps it).
        http_request = getattr(request, "_request", request)
        user = authenticate(
            http_request, username=attrs["email"].strip().lower(), password=attrs["password"]
        )
        # One message for unknown, wrong and inactive accounts: never tell which.
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                _("Unable to sign in with this e-mail address and password."),
                code="authorization",
            )
        # Said only once the password matched, as on the site's sign-in.
        if not user.is_email_confirmed:
            raise serializers.ValidationError(
                _(
                    "Confirm your e-mail address with the link we sent to it before using the "
                    "API. Nothing arrived? Ask for it again on the site's sign-in page."
                ),
                code="email_unconfirmed",
            )
        if two_factor.has_device(user):
            token = two_factor.normalise_token(attrs.get("otp_token", ""))
            # A missing code is not a wrong one: only wrong codes slow the devices down.
            if not token or match_token(user, token) is None:
                raise serializers.ValidationError(
                    {"otp_token": _("Give the current code of your authenticator app.")},
                    code="otp_required",
                )
        elif two_factor.is_required(user):
            raise serializers.ValidationError(
                _("Set up two-factor authentication on the site before using the API."),
                code="otp_setup_required",
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    """An API token: send it as `Authorization: Token <token>`."""

    token = serializers.CharField()


class TokenView(APIView):
    """POST: get the account's API token; DELETE: revoke it (a new one is made at next POST)."""

    parser_classes = API_PARSER_CLASSES
    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_scope = "auth"

    def get_authenticators(self):
        # DELETE needs to know whose token to revoke; POST must ignore a stale token header.
        if getattr(self, "request", None) is not None and self.request.method == "DELETE":
            return [auth() for auth in self.settings.DEFAULT_AUTHENTICATION_CLASSES]
        return super().get_authenticators()

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: ErrorSerializer},
        auth=[],
        summary="Get an API token",
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})

    @extend_schema(
        request=None,
        responses={204: None, 401: ErrorSerializer},
        summary="Revoke your API token",
    )
    def delete(self, request):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        revoke_api_tokens(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
