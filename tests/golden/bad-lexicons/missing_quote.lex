%key missing_quote
%label Regie
"centrale regie
