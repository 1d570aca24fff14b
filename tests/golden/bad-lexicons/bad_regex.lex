%key bad_regex
%label Regie
regie
/(coordinatie|samenhang/
