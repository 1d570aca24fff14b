%key unknown_directive
%lable Regie
regie
