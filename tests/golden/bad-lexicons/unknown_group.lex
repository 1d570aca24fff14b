%key unknown_group
@vak NEAR/3 kennis
